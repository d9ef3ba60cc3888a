import ConformFuzzDriver

runLibFuzzer(target: "http")
