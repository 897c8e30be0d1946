def upgrade():
	if x:
        pass
  bad = (1,
