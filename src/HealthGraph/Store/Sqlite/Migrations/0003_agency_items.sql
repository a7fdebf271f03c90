-- Schema version 3 created the partner-overlap aggregate (agency_work, agency_item) and its triggers. Version 7
-- (0007_derived_basis.sql) drops them and creates them again with the derived counts, as the one definition of the
-- aggregates, so this migration now creates none of them.
SELECT 1;
