import ConformFuzzDriver

runLibFuzzer(target: "json-vs-tape")
