-- The first agencies of an overlap matrix: the UN agencies, those that share the most items of @dimension (of
-- @basis: 'ANY', 'STATED', 'INFERRED' or 'DERIVED') with others first, ties by id; at most @first. By index: the
-- organizations' kind index, then one agency_share (0007_derived_basis.sql) lookup each.
SELECT o.id
  FROM node o INDEXED BY node_organization_kind
  LEFT JOIN agency_share s ON s.dimension = @dimension AND s.basis = @basis AND s.agency = o.id
 WHERE o.label = 'Organization' AND o.props ->> 'kind' = 'UN_AGENCY'
 ORDER BY coalesce(s.score, 0) DESC, o.id
 LIMIT @first
