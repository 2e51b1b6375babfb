# Asking for a metric a used model lacks names the model and the metric.
gpucap report --metric fp4 --baseline B200 ledgers/acme.csv
