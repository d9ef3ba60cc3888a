import ConformFuzzDriver

runLibFuzzer(target: "inflate")
