module depmod

go 1.22
