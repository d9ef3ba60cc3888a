import ConformFuzzDriver

runLibFuzzer(target: "vcr")
