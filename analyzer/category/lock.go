package category

// lockDocs documents the categories of the lock-discipline analyzer.
var lockDocs = []Doc{}
