import ConformFuzzDriver

runLibFuzzer(target: "payload")
