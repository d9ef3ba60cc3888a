import ConformFuzzDriver

runLibFuzzer(target: "regex")
