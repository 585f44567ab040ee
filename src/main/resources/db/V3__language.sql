-- The language a person chose with /language, or was given from their app's language.
ALTER TABLE sessions ADD COLUMN language TEXT;
