-- What a feed or sitemap said about a fetched page (title, date, author, summary, and whether it came
-- from a feed or a sitemap), kept with the document so that `wirehouse reprocess` re-derives the article
-- with the same evidence, without the network.
ALTER TABLE documents ADD COLUMN hints JSON;
