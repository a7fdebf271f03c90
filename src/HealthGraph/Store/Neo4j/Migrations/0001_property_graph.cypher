// Schema version 1: the property graph. Every migration is idempotent (IF NOT EXISTS, IF EXISTS), run statement by
// statement (separated by a ';' at the end of a line), in order, at start-up; the indexes are then awaited online.
// Every node of the graph has the label Entity beside its own; ids are unique across the graph and per label.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT deliverable_id IF NOT EXISTS FOR (n:Deliverable) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT outcome_id IF NOT EXISTS FOR (n:Outcome) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT results_framework_id IF NOT EXISTS FOR (n:ResultsFramework) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sdg_goal_id IF NOT EXISTS FOR (n:SdgGoal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sdg_target_id IF NOT EXISTS FOR (n:SdgTarget) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sdg_indicator_id IF NOT EXISTS FOR (n:SdgIndicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT theme_id IF NOT EXISTS FOR (n:Theme) REQUIRE n.id IS UNIQUE;
// The schema's version (schema_version.cypher): one node.
CREATE CONSTRAINT schema_version_name IF NOT EXISTS FOR (s:SchemaVersion) REQUIRE s.name IS UNIQUE;
// The change log and its counter.
CREATE CONSTRAINT change_log_seq IF NOT EXISTS FOR (e:ChangeLog) REQUIRE e.seq IS UNIQUE;
CREATE CONSTRAINT change_log_counter_name IF NOT EXISTS FOR (c:ChangeLogCounter) REQUIRE c.name IS UNIQUE;
// What a document is the source of (document facts).
CREATE INDEX entity_source IF NOT EXISTS FOR (n:Entity) ON (n.source);
CREATE INDEX sdg_target_code IF NOT EXISTS FOR (n:SdgTarget) ON (n.code);
CREATE INDEX sdg_goal_code IF NOT EXISTS FOR (n:SdgGoal) ON (n.code);
// Full-text search over names and searchText (short name, code, description, items, aliases, original label).
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.searchText]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: false}};
