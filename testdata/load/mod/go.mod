module example.com/mod

go 1.22

replace example.com/dep => ./dep
