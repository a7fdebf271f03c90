-- The agencies that share items of @dimension (of @basis: 'ANY', 'STATED', 'INFERRED' or 'DERIVED') with others, those
-- that share the most first, ties by id: agency_share's score index read in order, for as long as the reader needs.
SELECT agency
  FROM agency_share INDEXED BY agency_share_by_score
 WHERE dimension = @dimension AND basis = @basis
 ORDER BY score DESC, agency
