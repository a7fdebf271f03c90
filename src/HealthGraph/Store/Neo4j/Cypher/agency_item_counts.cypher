// The partner-overlap aggregate's rows as agency_links.cypher gives them: per agency, dimension and item, how many of
// its links reach the item with each basis (a row exists when any count is above 0). $agencies or $works as in
// agency_links.cypher: the rows of some agencies (a rebuild, a check), or the counts through some pieces of work (the
// part of the aggregate a change to those can alter, read before and after the change).
CALL () {
  // include: agency_links
}
WITH agency, dimension, item.id AS item, basis
RETURN agency, dimension, item,
       sum(CASE basis WHEN 'STATED' THEN 1 ELSE 0 END) AS stated,
       sum(CASE basis WHEN 'INFERRED' THEN 1 ELSE 0 END) AS inferred,
       sum(CASE basis WHEN 'DERIVED' THEN 1 ELSE 0 END) AS derived
