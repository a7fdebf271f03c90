// Schema version 9: the period work runs. Every node carries periodStart and periodEnd, the first and last day of its
// period, as Graph/WorkPeriod.cs computes them from its dates or year (the one rule, for every writer and both stores);
// migrating to this version writes them into the nodes stored before it (Neo4jGraphStore.WorkPeriodsVersion). The
// deliverables filter activeIn reads the starts by this index (Neo4jNodeQuery.ActiveIn).
CREATE RANGE INDEX deliverable_period_start IF NOT EXISTS FOR (n:Deliverable) ON (n.periodStart);
