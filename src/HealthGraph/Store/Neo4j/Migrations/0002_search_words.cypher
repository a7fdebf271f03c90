// Schema version 2: search reads words as the embedded store does (SearchText): the full-text index covers searchName
// and searchText, which hold a node's words, normalized (lower case, accents off Latin letters, split at anything but
// letters and digits), and the whitespace analyzer takes them as they are. It replaces entity_search (name and
// searchText by the standard-no-stop-words analyzer), which kept "Tajikistan’s" and "8.3" whole and the accent of
// "Réforme". Once it has run, the store rewrites every node's searchName and searchText.
DROP INDEX entity_search IF EXISTS;
CREATE FULLTEXT INDEX entity_words IF NOT EXISTS
FOR (n:Entity) ON EACH [n.searchName, n.searchText]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: false}};
