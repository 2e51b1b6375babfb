# data/tesla-2024.json (an object with a "rows" array) is the CSV's twin.
gpucap report ../../data/tesla-2024.json
