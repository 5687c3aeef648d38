package category

// spawnDocs documents the categories of the spawn analyzer.
var spawnDocs = []Doc{}
