// Schema version 4: what a document states or evidences, by index: an index on the source of each relationship type's
// relationships (Neo4j indexes relationship properties per type), which the document's facts read (document_relationships,
// composed per type from RelationshipTypes.All; a test checks every type has its index).
CREATE INDEX delivers_source IF NOT EXISTS FOR ()-[r:DELIVERS]-() ON (r.source);
CREATE INDEX serves_source IF NOT EXISTS FOR ()-[r:SERVES]-() ON (r.source);
CREATE INDEX supports_source IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.source);
CREATE INDEX part_of_source IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.source);
CREATE INDEX in_framework_source IF NOT EXISTS FOR ()-[r:IN_FRAMEWORK]-() ON (r.source);
CREATE INDEX managed_by_source IF NOT EXISTS FOR ()-[r:MANAGED_BY]-() ON (r.source);
CREATE INDEX contributes_to_source IF NOT EXISTS FOR ()-[r:CONTRIBUTES_TO]-() ON (r.source);
CREATE INDEX measured_by_source IF NOT EXISTS FOR ()-[r:MEASURED_BY]-() ON (r.source);
CREATE INDEX has_target_source IF NOT EXISTS FOR ()-[r:HAS_TARGET]-() ON (r.source);
CREATE INDEX has_indicator_source IF NOT EXISTS FOR ()-[r:HAS_INDICATOR]-() ON (r.source);
CREATE INDEX aligns_with_source IF NOT EXISTS FOR ()-[r:ALIGNS_WITH]-() ON (r.source);
CREATE INDEX has_theme_source IF NOT EXISTS FOR ()-[r:HAS_THEME]-() ON (r.source);
CREATE INDEX published_by_source IF NOT EXISTS FOR ()-[r:PUBLISHED_BY]-() ON (r.source);
CREATE INDEX funds_source IF NOT EXISTS FOR ()-[r:FUNDS]-() ON (r.source);
CREATE INDEX accountable_for_source IF NOT EXISTS FOR ()-[r:ACCOUNTABLE_FOR]-() ON (r.source);
CREATE INDEX extends_source IF NOT EXISTS FOR ()-[r:EXTENDS]-() ON (r.source);
CREATE INDEX reports_source IF NOT EXISTS FOR ()-[r:REPORTS]-() ON (r.source);
CREATE INDEX same_activity_as_source IF NOT EXISTS FOR ()-[r:SAME_ACTIVITY_AS]-() ON (r.source);
