#!/usr/bin/env python3
"""Reads a JUnit XML file as a test reporter does (standard library only)
and prints what it would show: the suite's counts, checked against its
testcases, then a line per testcase: PASS, FAIL or SKIP, name, message."""
import sys
import xml.etree.ElementTree as ET

suite = ET.parse(sys.argv[1]).getroot()
assert suite.tag == "testsuite", suite.tag
cases = suite.findall("testcase")
failed = [c for c in cases if c.find("failure") is not None]
skipped = [c for c in cases if c.find("skipped") is not None]
for attr, n in (("tests", len(cases)), ("failures", len(failed)),
                ("skipped", len(skipped))):
    if int(suite.get(attr)) != n:
        sys.exit("%s=%s but %d testcases say so" % (attr, suite.get(attr), n))
print("suite %s: %d tests, %d failures, %d skipped" %
      (suite.get("name"), len(cases), len(failed), len(skipped)))
for c in cases:
    f, s = c.find("failure"), c.find("skipped")
    state = "FAIL" if f is not None else "SKIP" if s is not None else "PASS"
    message = (f if f is not None else s).get("message") if state != "PASS" else ""
    print("%s %s [%s]%s" % (state, c.get("name"), c.get("classname"),
                            ": " + message if message else ""))
