// prepared in the storage step
