import ConformFuzzDriver

runLibFuzzer(target: "har")
