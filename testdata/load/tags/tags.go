// Package tags has a file that only builds with the racecheck_extra tag.
package tags
