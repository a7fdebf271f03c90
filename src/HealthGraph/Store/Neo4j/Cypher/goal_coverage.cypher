// A goal and its targets; the work behind them comes from sdg_work.cypher.
// $goal: the goal's node id.
MATCH (goal:SdgGoal {id: $goal})
OPTIONAL MATCH (goal)-[:HAS_TARGET]->(t:Entity)
RETURN goal, collect(t) AS targets
