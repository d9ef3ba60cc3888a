import ConformFuzzDriver

runLibFuzzer(target: "json")
