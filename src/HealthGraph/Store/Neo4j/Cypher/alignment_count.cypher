// How many alignments the graph has (Neo4j's count store): an upper bound of the aligned items a coverage rebuild goes through, for its progress.
MATCH ()-[a:ALIGNS_WITH]->()
RETURN count(a) AS n
