# Build-time data (compiled dictionaries, models) lands under $(B)/data.
data:
