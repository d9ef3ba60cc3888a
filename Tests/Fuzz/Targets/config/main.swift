import ConformFuzzDriver

runLibFuzzer(target: "config")
