-- The adviesgesprek of an HGD (issue 15): the outcome discussed with the parents, the teacher and
-- the IB is a meeting of the school (meetings, kind 'adviesgesprek-hgd', its body names the
-- request as hgd_id). The request knows its meeting here; 0 while none is planned.
ALTER TABLE hgd_requests ADD COLUMN meeting_id BIGINT NOT NULL DEFAULT 0;
