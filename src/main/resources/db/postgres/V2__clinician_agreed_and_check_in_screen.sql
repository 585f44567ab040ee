-- The same change as the SQLite store's V7.
-- When the person said that a doctor or physiotherapist agreed to the massage an ending asked them
-- to check first: the date the massage request then carries.
ALTER TABLE sessions ADD COLUMN agreed_at TIMESTAMPTZ;
-- The check-in asks about the visit its ending advised ('seen', 'not_yet', 'agreed', 'advised',
-- 'helped', 'not_helped'), no longer only whether a clinician was seen.
ALTER TABLE check_ins ALTER COLUMN seen TYPE TEXT USING CASE WHEN seen THEN 'seen' WHEN NOT seen THEN 'not_yet' END;
ALTER TABLE check_ins RENAME COLUMN seen TO visit;
UPDATE check_ins SET asking = 'visit' WHERE asking = 'seen';
-- The check-in's red-flag screen walks the tree: its route so far, as a session's answers and draft.
ALTER TABLE check_ins ADD COLUMN answers TEXT;
ALTER TABLE check_ins ADD COLUMN draft TEXT;
