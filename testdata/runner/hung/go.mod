module example.com/hung

go 1.26
