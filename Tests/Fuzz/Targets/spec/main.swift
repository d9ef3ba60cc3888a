import ConformFuzzDriver

runLibFuzzer(target: "spec")
