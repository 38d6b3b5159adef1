-- The outcomes of a care-team case (issue 15): what the advice led to (HGD, a lighter
-- arrangement, hand-over to the ZAT, follow-up), a JSON list of {"kind", "text"} on the case
-- row, saved with the case's version like its other fields.
ALTER TABLE care_team_cases ADD COLUMN outcomes TEXT NOT NULL DEFAULT '[]';
