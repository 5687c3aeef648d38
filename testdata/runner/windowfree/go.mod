module example.com/windowfree

go 1.22
