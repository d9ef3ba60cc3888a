import ConformFuzzDriver

runLibFuzzer(target: "json-vs-yaml")
