import ConformFuzzDriver

runLibFuzzer(target: "lint")
