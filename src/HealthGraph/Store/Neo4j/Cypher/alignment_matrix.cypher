// Agency x SDG goal (or target) cells with the work behind each: one entry per piece of work, the strongest link
// (stated, then derived, then inferred; then the first reason). $agencies: organization ids, or null for all;
// $dimension: 'GOAL' or 'TARGET'; $basis: 'STATED', 'INFERRED', 'DERIVED' or null.
CALL () {
  // include: agency_links
}
WITH agency, dimension, item, via, basis, reason
WHERE dimension = $dimension
WITH agency, item, via, basis, reason
ORDER BY agency, item.id, via.id, CASE basis WHEN 'STATED' THEN 0 WHEN 'DERIVED' THEN 1 ELSE 2 END, coalesce(reason, '')
WITH agency, item, via, collect({basis: basis, reason: reason})[0] AS strongest
ORDER BY agency, item.id, via.id
WITH agency, item, collect({
  id: via.id, label: [l IN labels(via) WHERE l <> 'Entity'][0], name: via.name,
  basis: strongest.basis, reason: strongest.reason, viaOutcome: false
}) AS items
RETURN agency, item.id AS sdg, item.code AS code, items
