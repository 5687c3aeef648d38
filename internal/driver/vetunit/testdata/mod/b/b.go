package b

import "example.com/mod/c"

func Get() *c.T { c.F(); return new(c.T) }
