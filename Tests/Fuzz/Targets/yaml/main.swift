import ConformFuzzDriver

runLibFuzzer(target: "yaml")
