// The candidates for an overlap matrix's agencies, in one read (OverlapMatrixAgencies.Rank orders them, as
// Sql/overlap_matrix_agencies.sql does): the ids of the organizations of kind $kind (the UN agencies), and every
// agency's share per dimension counting links of $basis (overlap_scores.cypher: one AgencySize node per agency and
// dimension, so this reads as many rows as there are agencies, however large their work).
RETURN COLLECT {
         MATCH (o:Organization)
         WHERE o.kind = $kind
         RETURN o.id
       } AS kindIds,
       COLLECT {
         CALL () {
           // include: overlap_scores
         }
         RETURN {agency: agency, dimension: dimension, score: score}
       } AS scores
