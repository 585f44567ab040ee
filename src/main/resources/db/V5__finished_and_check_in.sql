-- When the person reached the ending: the date their final message carries, however often it is shared.
ALTER TABLE sessions ADD COLUMN finished_at INTEGER;
-- The ending the check-in was asked at, the follow-up question waiting for an answer (asking:
-- 'seen' or a red-flag question's id) and whether the person has seen a clinician since ('yes'/'no').
ALTER TABLE follow_ups ADD COLUMN outcome TEXT;
ALTER TABLE follow_ups ADD COLUMN asking TEXT;
ALTER TABLE follow_ups ADD COLUMN seen TEXT;
