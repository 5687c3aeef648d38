package a

import "example.com/mod/b"

func A() { b.Get().M() }
