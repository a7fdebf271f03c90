// Schema version 10: a question limited to a period (WorkLimit) finds the outcomes active in it as it finds the
// deliverables (0009), by the start of their period (Neo4jNodeQuery.LimitedWork).
CREATE RANGE INDEX outcome_period_start IF NOT EXISTS FOR (n:Outcome) ON (n.periodStart);
