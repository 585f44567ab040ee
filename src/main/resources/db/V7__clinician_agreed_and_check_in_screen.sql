-- When the person said that a doctor or physiotherapist agreed to the massage an ending asked them
-- to check first: the date the massage request then carries.
ALTER TABLE sessions ADD COLUMN agreed_at INTEGER;
-- The check-in asks about the visit its ending advised ('seen', 'not_yet', 'agreed', 'advised',
-- 'helped', 'not_helped'), no longer only whether a clinician was seen ('yes'/'no').
ALTER TABLE check_ins RENAME COLUMN seen TO visit;
UPDATE check_ins SET visit = CASE visit WHEN 'yes' THEN 'seen' WHEN 'no' THEN 'not_yet' ELSE visit END;
UPDATE check_ins SET asking = 'visit' WHERE asking = 'seen';
-- The check-in's red-flag screen walks the tree: its route so far, as a session's answers and draft.
ALTER TABLE check_ins ADD COLUMN answers TEXT;
ALTER TABLE check_ins ADD COLUMN draft TEXT;
