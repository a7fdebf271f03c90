-- Schema version 5 created the agencies' sharing scores (agency_share) and their triggers. Version 7
-- (0007_derived_basis.sql) drops them and creates them again with the derived counts, as the one definition of the
-- aggregates, so this migration now creates none of them.

-- The UN agencies, which the matrix lists first, without reading every organization's properties.
CREATE INDEX node_organization_kind ON node (props ->> 'kind', id) WHERE label = 'Organization';
