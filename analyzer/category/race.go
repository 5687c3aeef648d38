package category

// raceDocs documents the categories of the race analyzer.
var raceDocs = []Doc{}
