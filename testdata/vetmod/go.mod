module vetmod

go 1.22
