-- One name for one thing: the check-in a person asks for at an ending is a check-in everywhere.
ALTER TABLE follow_ups RENAME TO check_ins;
DROP INDEX follow_ups_due;
CREATE INDEX check_ins_due ON check_ins (stage, due_at);
