module lockmod

go 1.22
